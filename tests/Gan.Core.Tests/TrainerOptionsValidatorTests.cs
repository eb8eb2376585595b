using Gan.Core.Training;

public class TrainerOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(TrainerOptionsValidator.Validate(new TrainerOptions()));
    }

    public static TheoryData<TrainerOptions, string> Invalid => new()
    {
        { new TrainerOptions { Lr = 0 }, "lr = 0: must be greater than 0 and at most 100." },
        { new TrainerOptions { Lr = -1e-4 }, "lr = -0.0001: must be greater than 0 and at most 100." },
        { new TrainerOptions { LrG = double.NaN }, "lr_g = NaN: must be greater than 0 and at most 100." },
        { new TrainerOptions { LabelSmoothing = 0.5 }, "label_smoothing = 0.5: must be in [0, 0.5)." },
        { new TrainerOptions { LabelSmoothing = -0.1 }, "label_smoothing = -0.1: must be in [0, 0.5)." },
        { new TrainerOptions { Arch = "resnet" }, "arch = 'resnet': must be one of mlp, mlp-128, dcgan, dcgan-small, toy." },
        { new TrainerOptions { Optimizer = "adagrad" }, "optimizer = 'adagrad': must be one of adam, rmsprop, sgd." },
        { new TrainerOptions { Dataset = "cifar" }, "dataset = 'cifar': must be one of mnist, fashion-mnist, gaussian, shapes, images." },
        { new TrainerOptions { Dataset = "images" }, "dataset 'images' needs data_dir, the folder of images." },
        { new TrainerOptions { Dataset = "images", DataDir = "/no/such/folder", Channels = null }, "data_dir = '/no/such/folder': /no/such/folder: no such folder. Set data_dir to a folder of images." },
        { new TrainerOptions { ImageSize = 32 }, "image_size = 32: mnist's images are 28×28; remove image_size, or use dataset 'images' for a folder at another size." },
        { new TrainerOptions { Channels = 2 }, "channels = 2: must be 1 or 3." },
        { new TrainerOptions { Dataset = "shapes", Arch = "dcgan", ImageSize = 48 }, "arch 'dcgan' with dataset 'shapes': dcgan learns 28×28 images with 1 channel, or square images of side 16, 32, 64, 128 or 256 with 1 or 3 channels, and shapes holds 48×48 images with 3 channels; for shapes choose one of mlp, mlp-128." },
        { new TrainerOptions { BatchSize = 0 }, "batch_size = 0: must be from 1 to 65536." },
        { new TrainerOptions { Epochs = 2, Steps = 10 }, "epochs = 2: give epochs or steps, not both." },
        { new TrainerOptions { DSteps = 0 }, "d_steps = 0: must be from 1 to 1000." },
        { new TrainerOptions { Beta1 = 1 }, "beta1 = 1: must be in [0, 1)." },
        { new TrainerOptions { Width = 0 }, "width = 0: must be in (0, 4]." },
        { new TrainerOptions { LatentSize = 0 }, "latent_size = 0: must be from 1 to 65536." },
        { new TrainerOptions { Device = "tpu" }, "device = 'tpu': must be auto, cpu, cuda or cuda:N." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_names_the_option_the_value_and_the_rule(TrainerOptions options, string problem)
    {
        Assert.Equal([problem], TrainerOptionsValidator.Validate(options));
    }

    [Fact]
    public void Validate_reports_every_problem_at_once()
    {
        var problems = TrainerOptionsValidator.Validate(new TrainerOptions { Lr = 0, BatchSize = 0, Arch = "x" });

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void ThrowIfInvalid_throws_an_invalid_option_error()
    {
        var error = Assert.Throws<GanException>(() => TrainerOptionsValidator.ThrowIfInvalid(new TrainerOptions { Lr = 0 }));

        Assert.Equal(GanErrorCode.InvalidOption, error.Code);
    }
}
