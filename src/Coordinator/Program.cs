using Coordinator.Cli;

return SweepCli.Run(args, Console.Out, Console.Error);
