using Torch.Modules;
using static Torch.torch;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, 0)]
    [InlineData(" CUDA:3 ", DeviceType.CUDA, 3)]
    public void Parse_reads_device_names(string text, DeviceType type, int index)
    {
        var device = Device.Parse(text);

        Assert.Equal(new Device(type, index), device);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_throws_on_unknown_devices(string text)
    {
        var error = Assert.Throws<FormatException>(() => Device.Parse(text));

        Assert.Contains("cpu, cuda or cuda:N", error.Message);
    }

    [Fact]
    public void Thread_count_can_be_set()
    {
        var before = get_num_threads();
        try
        {
            set_num_threads(2);
            Assert.Equal(2, get_num_threads());
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [Fact]
    public void Version_is_libtorchs()
    {
        Assert.Matches(@"^\d+\.\d+", __version__);
    }

    [Fact]
    public void Device_count_agrees_with_availability()
    {
        Assert.Equal(cuda.is_available(), cuda.device_count() > 0);
    }

    [CudaFact]
    public void Tensors_and_modules_move_to_the_gpu_and_back()
    {
        using var scope = NewDisposeScope();
        var gpu = new Device(DeviceType.CUDA, 0);
        using var layer = nn.Linear(3, 2);
        var input = randn([4, 3]);
        var expected = layer.forward(input).data<float>();

        layer.to(gpu);
        var output = layer.forward(input.to(gpu));

        Assert.Equal(DeviceType.CUDA, output.device.Type);
        Assert.Equal(expected, output.cpu().data<float>(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [CudaFact]
    public void A_training_step_runs_on_the_gpu()
    {
        using var scope = NewDisposeScope();
        var gpu = new Device(DeviceType.CUDA, 0);
        using var layer = nn.Linear(3, 1);
        layer.to(gpu);
        using var adam = optim.Adam(layer.parameters(), 0.1);
        var before = layer.weight.cpu().data<float>();

        var loss = nn.functional.binary_cross_entropy_with_logits(layer.forward(randn([8, 3], device: gpu)), ones([8, 1], device: gpu));
        loss.backward();
        adam.step();

        Assert.NotEqual(before, layer.weight.cpu().data<float>());
    }

    [CudaFact]
    public void A_cpu_generator_drives_gpu_sampling_reproducibly()
    {
        using var scope = NewDisposeScope();
        var gpu = new Device(DeviceType.CUDA, 0);
        using var first = new Generator(4);
        using var second = new Generator(4);

        Assert.Equal(randperm(10, first, gpu).cpu().data<long>(), randperm(10, second, gpu).cpu().data<long>());
    }

    [CudaFact]
    public void Archives_load_onto_the_gpu()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(2, 2);
        using var reader = Torch.Serialization.ArchiveReader.FromBytes(layer.ToBytes(), new Device(DeviceType.CUDA, 0));

        Assert.Equal(DeviceType.CUDA, reader.Read("module.weight").device.Type);
    }
}
