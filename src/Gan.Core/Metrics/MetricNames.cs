namespace Gan.Core.Metrics;

/// <summary>The names under which a trial's training metrics are recorded.</summary>
public static class MetricNames
{
    /// <summary>D's loss: BCE on real (target 1 − smoothing) plus BCE on fake (target 0).</summary>
    public const string LossD = "loss_d";
    /// <summary>G's non-saturating loss: BCE of D(G(z)) against 1.</summary>
    public const string LossG = "loss_g";
    /// <summary>Mean D(x) on real images.</summary>
    public const string DReal = "d_x";
    /// <summary>Mean D(G(z)) before D's update.</summary>
    public const string DFakeBefore = "d_g_z_before";
    /// <summary>Mean D(G(z)) after D's update (what G trains against).</summary>
    public const string DFakeAfter = "d_g_z_after";
    /// <summary>D's accuracy on real images at threshold 0.5.</summary>
    public const string AccuracyReal = "d_acc_real";
    /// <summary>D's accuracy on fake images at threshold 0.5.</summary>
    public const string AccuracyFake = "d_acc_fake";
    /// <summary>L2 norm of all of D's gradients.</summary>
    public const string GradNormD = "grad_norm_d";
    /// <summary>L2 norm of all of G's gradients.</summary>
    public const string GradNormG = "grad_norm_g";
    /// <summary>Training speed over the interval.</summary>
    public const string StepsPerSecond = "steps_per_s";
    /// <summary>Toy lab: the 1-D Wasserstein distance between 10,000 generated and real samples.</summary>
    public const string Wasserstein = "wasserstein";
    /// <summary>Toy lab: |mean of the generated samples − mean of the data|.</summary>
    public const string MeanError = "mean_error";
    /// <summary>Toy lab: |std of the generated samples − std of the data|.</summary>
    public const string StdError = "std_error";

    /// <summary>Precision (Kynkäänniemi et al. 2019): the share of generated samples within the real ones' 5-NN balls in the classifier's feature space (fidelity).</summary>
    public const string Precision = "precision";
    /// <summary>Recall (Kynkäänniemi et al. 2019): the share of real samples within the generated ones' 5-NN balls (diversity).</summary>
    public const string Recall = "recall";
    /// <summary>Density (Naeem et al. 2020): real 5-NN balls around each generated sample, over 5; about 1 when the two match.</summary>
    public const string Density = "density";
    /// <summary>Coverage (Naeem et al. 2020): the share of real samples whose 5-NN ball holds a generated one. Not the class coverage of the quality report.</summary>
    public const string NeighbourCoverage = "nn_coverage";

    /// <summary>FID on a small sample (<see cref="Training.EvaluationResources.QuickSamples"/>), recorded at epoch ends about every score_every steps and at early-stopping checks: biased upwards against the final FID, but comparable between trials.</summary>
    public const string QuickFid = "fid_quick";
    /// <summary>Classes covered by the same small sample as <see cref="QuickFid"/>.</summary>
    public const string QuickCoverage = "coverage_quick";

    /// <summary>The metrics averaged over each logging interval, in the order they are accumulated.</summary>
    public static IReadOnlyList<string> Averaged { get; } =
        [LossD, LossG, DReal, DFakeBefore, DFakeAfter, AccuracyReal, AccuracyFake, GradNormD, GradNormG];
}
