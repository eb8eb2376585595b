using Coordinator;

return SweepCli.Run(args, Console.Out, Console.Error);
