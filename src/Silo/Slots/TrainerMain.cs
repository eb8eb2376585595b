using System.Globalization;
using Silo.Stores;
using TorchSharp;

namespace Silo.Slots;

/// <summary>
/// The trainer process's program: <c>dotnet Silo.dll --threads N --device D --parent-pid P</c>,
/// with the store in <c>SWEEP_STORE</c> and <c>SWEEP_ARTIFACTS</c> (never on the command line,
/// where <c>ps</c> would show a URL's password). Silos start one per slot (<see cref="TrainerProcess"/>);
/// it runs a <see cref="TrainerLoop"/> until its silo stops it or dies.
/// </summary>
public static class TrainerMain
{
    /// <summary>Exit code for arguments a silo would never give: the trainer was started by hand, wrongly.</summary>
    public const int BadArguments = 2;

    /// <summary>Exit code when a signal stopped the trainer, as for any interrupted command.</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code when an error stopped the trainer; its first <see cref="SaysPrefix"/> line on standard error says which.</summary>
    public const int Failed = 1;

    /// <summary>How each line the trainer itself writes on standard error begins; its silo keeps the first as the reason the trainer ended.</summary>
    public const string SaysPrefix = "trainer: ";

    /// <summary>Trains the claims its silo sends on standard input; returns the exit code.</summary>
    public static int Main(string[] args)
    {
        if (Parse(args) is not { } settings)
            return BadArguments;
        if (!Signals.TerminateWithParent(settings.ParentProcessId))
            return Interrupted;
        StoreLocation location;
        try
        {
            location = StoreLocation.Resolve(null);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine(SaysPrefix + e.Message);
            return BadArguments;
        }
        // A trainer trains with its share of the node's cores; libtorch's default is all of them.
        torch.set_num_threads(settings.Threads);
        var device = settings.Device is null ? null : new torch.Device(settings.Device);
        try
        {
            var signalled = new TrainerLoop(location, device, Console.In, Console.Out, Console.Error).Run(CancellationToken.None);
            return signalled ? Interrupted : 0;
        }
        catch (Exception e)
        {
            // Unhandled, the runtime would abort (signal 6, perhaps a core file), and the trial would
            // fail as "killed by signal 6" with the reason only in a stack trace in the silo's log.
            // The first line is the reason its silo gives; the details follow for the log.
            Console.Error.WriteLine(SaysPrefix + (e is StoreException ? e.Message : $"{e.GetType().Name}: {e.Message}").Split('\n')[0]);
            Console.Error.WriteLine(e);
            return Failed;
        }
    }

    private sealed record Settings(int Threads, string? Device, int ParentProcessId);

    /// <summary>The arguments, or null after saying on standard error what is wrong with them.</summary>
    private static Settings? Parse(string[] args)
    {
        int threads = 1, parent = -1;
        string? device = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var known = args[i] switch
            {
                "--threads" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out threads) && WorkerPlan.AllowsThreads(threads),
                "--device" => (device = value) is not null && device != "auto" && Gan.Core.Training.TrainerOptionCatalog.IsDevice(device),
                "--parent-pid" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parent),
                _ => false,
            };
            if (!known)
            {
                Console.Error.WriteLine($"{SaysPrefix}'{args[i]} {value}' is not an argument a silo gives (--threads 1-{WorkerPlan.MaxThreads}, --device cpu|cuda|cuda:N, --parent-pid PID). Silos start trainers; start a silo with 'sweep silo' or a sweep with 'sweep run'.");
                return null;
            }
        }
        if (parent < 0)
        {
            Console.Error.WriteLine(SaysPrefix + "--parent-pid is required: a trainer stops when the silo that started it dies. Silos start trainers; start a silo with 'sweep silo' or a sweep with 'sweep run'.");
            return null;
        }
        return new Settings(threads, device, parent);
    }
}
