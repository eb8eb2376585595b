using Gan.Core.Checkpoints;
using Gan.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Gan.Core.Training;

/// <summary>
/// One training step as the tutorials define it: d_steps times, D learns a real batch (target
/// 1 − label_smoothing) against a detached fake one (target 0); then G learns through D with
/// target 1. What the trainer runs and <c>bench/step</c> times. It computes what the tutorials'
/// step computes, faster (BENCHMARKS.md, per-trial speed):
/// <list type="bullet">
/// <item>D judges the real and the fake batch in one pass when its judgement of a sample depends on nothing else: no batch norm, which mixes a batch's samples, and no dropout, whose masks one pass would draw in another order;</item>
/// <item>during G's step D's parameters take no gradient, which only G's update would have thrown away;</item>
/// <item>each network's parameters are one buffer (<see cref="FlatParameters"/>), so the optimizers take a few passes in all;</item>
/// <item>nothing is copied to the host: the step's values stay on the device for the trainer to accumulate.</item>
/// </list>
/// With <see cref="TrainerOptions.PrecisionBf16"/> the networks train as bfloat16 working copies
/// of the fp32 ones: the forward and backward passes run in bfloat16 and the optimizers update
/// the fp32 weights (master copies), which are what checkpoints, samples and scores see.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    private const string FlatSuffix = "_flat";
    private readonly TrainerOptions options;
    private readonly Device device;
    private readonly GanPair networks;
    private readonly GanPair? working;
    private readonly Side generator;
    private readonly Side discriminator;
    private readonly bool judgeTogether;
    private readonly Tensor realTargets;
    private readonly Tensor fakeTargets;
    private readonly Tensor generatorTargets;

    /// <summary>Sets up the step over <paramref name="networks"/>, which must be on <paramref name="device"/>.</summary>
    /// <param name="options">The trial's options: optimizer, learning rates, batch size, d_steps, label smoothing, precision.</param>
    /// <param name="networks">The trial's networks; their parameters become views of the step's buffers.</param>
    /// <param name="shape">The samples' shape, for the bfloat16 working copies.</param>
    /// <param name="device">Where the networks are.</param>
    public TrainingStep(TrainerOptions options, GanPair networks, SampleShape shape, Device device)
    {
        this.options = options;
        this.device = device;
        this.networks = networks;
        if (options.Precision == TrainerOptions.PrecisionBf16)
        {
            working = Architectures.Create(options.Arch, networks.LatentSize, options.Width, shape);
            foreach (var network in new[] { working.Generator, working.Discriminator })
                network.to(device).to(bfloat16);
        }
        generator = new Side(networks.Generator, working?.Generator, options, options.EffectiveLrG);
        discriminator = new Side(networks.Discriminator, working?.Discriminator, options, options.EffectiveLrD);
        CopyToWorking();
        judgeTogether = !networks.Discriminator.modules().Any(m => m is BatchNorm1d or BatchNorm2d or Dropout);
        realTargets = full([options.BatchSize, 1], 1 - options.LabelSmoothing, device: device).DetachFromDisposeScope();
        fakeTargets = zeros([options.BatchSize, 1], device: device).DetachFromDisposeScope();
        generatorTargets = ones([options.BatchSize, 1], device: device).DetachFromDisposeScope();
    }

    /// <summary>
    /// Runs one step: d_steps D updates, each on the next real batch and a fresh fake one from
    /// <paramref name="noise"/>, then one G update. The values it returns belong to the caller's
    /// dispose scope.
    /// </summary>
    /// <param name="nextRealBatch">Gives the next batch of real samples, on the device, in float32.</param>
    /// <param name="noise">The generator the latent vectors are drawn from.</param>
    public StepValues Run(Func<Tensor> nextRealBatch, Generator noise)
    {
        var (g, d) = working is null ? (networks.Generator, networks.Discriminator) : (working.Generator, working.Discriminator);
        Tensor fake = null!, logitsReal = null!, logitsFake = null!, lossD = null!, gradNormD = null!;
        for (var k = 0; k < options.DSteps; k++)
        {
            var real = Working(nextRealBatch());
            var z = Working(randn([options.BatchSize, networks.LatentSize], device: device, generator: noise));
            Tensor fakeForD;
            if (k == options.DSteps - 1)
            {
                fake = g.forward(z);
                fakeForD = fake.detach();
            }
            else
            {
                using var noGrad = no_grad();
                fakeForD = g.forward(z);
            }
            discriminator.ZeroGradients();
            (logitsReal, logitsFake) = Judge(d, real, fakeForD);
            lossD = binary_cross_entropy_with_logits(logitsReal, realTargets) + binary_cross_entropy_with_logits(logitsFake, fakeTargets);
            lossD.backward();
            gradNormD = discriminator.Update();
        }

        generator.ZeroGradients();
        discriminator.RequireGradients = false;
        var logitsG = Float32(d.forward(fake));
        var lossG = binary_cross_entropy_with_logits(logitsG, generatorTargets);
        lossG.backward();
        discriminator.RequireGradients = true;
        var gradNormG = generator.Update();
        if (working is not null)
            working.Generator.CopyBuffersInto(networks.Generator);
        return new StepValues(lossD, lossG, logitsReal, logitsFake, logitsG, gradNormD, gradNormG);
    }

    /// <summary>D's logits for the real and the fake batch, in float32: from one pass over both when D judges each sample alone.</summary>
    private (Tensor Real, Tensor Fake) Judge(nn.Module<Tensor, Tensor> d, Tensor real, Tensor fake)
    {
        if (!judgeTogether)
            return (Float32(d.forward(real)), Float32(d.forward(fake)));
        var logits = Float32(d.forward(cat([real, fake])));
        return (logits.narrow(0, 0, options.BatchSize), logits.narrow(0, options.BatchSize, options.BatchSize));
    }

    private Tensor Working(Tensor values) => working is null ? values : values.to(bfloat16);

    private static Tensor Float32(Tensor values) => values.dtype == float32 ? values : values.to(float32);

    /// <summary>G's float32 parameters end to end, in its order: what the optimizer updates.</summary>
    public Tensor GeneratorValues => generator.Values;

    /// <summary>Writes both optimizers' state into a checkpoint.</summary>
    public void Write(CheckpointWriter writer) =>
        writer.Write("opt_g" + FlatSuffix, generator.Optimizer).Write("opt_d" + FlatSuffix, discriminator.Optimizer);

    /// <summary>
    /// Reads what <see cref="Write"/> wrote, or the per-parameter optimizer state that checkpoints
    /// held before; the networks' weights must have been read already.
    /// </summary>
    /// <exception cref="GanException">The checkpoint's optimizer state does not fit.</exception>
    public void Read(CheckpointReader reader)
    {
        generator.Read(reader, "opt_g");
        discriminator.Read(reader, "opt_d");
        CopyToWorking();
    }

    /// <summary>Gives the bfloat16 working copies the fp32 weights and batch-norm statistics, when there are copies.</summary>
    private void CopyToWorking()
    {
        if (working is null)
            return;
        generator.CopyToWorking();
        discriminator.CopyToWorking();
        networks.Generator.CopyBuffersInto(working.Generator);
        networks.Discriminator.CopyBuffersInto(working.Discriminator);
    }

    /// <summary>Frees the step's buffers, optimizers and working copies (not the trial's networks).</summary>
    public void Dispose()
    {
        generator.Dispose();
        discriminator.Dispose();
        working?.Dispose();
        realTargets.Dispose();
        fakeTargets.Dispose();
        generatorTargets.Dispose();
    }

    /// <summary>One network's side of the step: its fp32 parameters and optimizer, and its bfloat16 working copy's parameters if any.</summary>
    private sealed class Side : IDisposable
    {
        private readonly TrainerOptions options;
        private readonly double lr;
        private readonly FlatParameters master;
        private readonly FlatParameters? working;

        internal Side(GanNetwork network, GanNetwork? workingCopy, TrainerOptions options, double lr)
        {
            this.options = options;
            this.lr = lr;
            master = new FlatParameters(network);
            working = workingCopy is null ? null : new FlatParameters(workingCopy);
            Optimizer = Optimizers.Create(options, [master.Values], lr);
        }

        internal OptimizerHelper Optimizer { get; }

        /// <summary>The fp32 parameters, end to end.</summary>
        internal Tensor Values => master.Values;

        /// <summary>The parameters the passes run through: the working copy's, else the network's own.</summary>
        private FlatParameters Computed => working ?? master;

        internal bool RequireGradients { set => Computed.RequireGradients = value; }

        internal void ZeroGradients() => Computed.ZeroGradients();

        /// <summary>Takes the gradients to the fp32 weights, measures their norm and lets the optimizer step; returns the norm.</summary>
        internal Tensor Update()
        {
            if (working is not null)
                master.Gradients.copy_(working.Gradients);
            var norm = master.GradientNorm();
            Optimizer.step();
            CopyToWorking();
            return norm;
        }

        internal void CopyToWorking()
        {
            if (working is null)
                return;
            using var noGrad = no_grad();
            working.Values.copy_(master.Values);
        }

        internal void Read(CheckpointReader reader, string entry)
        {
            if (reader.Has(entry + FlatSuffix))
            {
                reader.Read(entry + FlatSuffix, Optimizer);
            }
            else
            {
                // Written before the parameters were flat: an optimizer over the parameters one by one
                // reads it, and its state moves into the flat one's slices.
                using var perParameter = Optimizers.Create(options, master.Parameters, lr);
                reader.Read(entry, perParameter);
                PerParameterOptimizerState.CopyInto(perParameter, Optimizer, master);
            }
            // The state came with the rates it was saved at; this trial trains at its own.
            Optimizers.Set(Optimizer, options, lr);
        }

        public void Dispose()
        {
            Optimizer.Dispose();
            master.Dispose();
            working?.Dispose();
        }
    }
}

/// <summary>One step's values, on the device: D's and G's losses, D's logits on the real batch, on the fake one before D's update and after it (G's step), and each network's gradient norm.</summary>
public sealed record StepValues(Tensor LossD, Tensor LossG, Tensor LogitsReal, Tensor LogitsFake, Tensor LogitsG, Tensor GradNormD, Tensor GradNormG);
