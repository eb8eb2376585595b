// The tutorials' MLP GAN training step through the C# binding.
// Usage: MlpStep STEPS THREADS
// Times STEPS steps in blocks of 50 and prints the median block's rate: steps_per_second=<value>
using System.Diagnostics;
using System.Globalization;
using Torch;
using static Torch.torch;
using static Torch.torch.nn.functional;

var steps = int.Parse(args[0], CultureInfo.InvariantCulture);
set_num_threads(int.Parse(args[1], CultureInfo.InvariantCulture));
manual_seed(0);
const int batch = 100, latent = 64;

var g = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh());
var d = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1));
var optG = optim.Adam(g.parameters(), 2e-4, beta1: 0.5);
var optD = optim.Adam(d.parameters(), 2e-4, beta1: 0.5);
var real = rand([batch, 784]) * 2.0 - 1.0;
var ones = torch.ones([batch, 1]);
var zeros = torch.zeros([batch, 1]);

void Step()
{
    using var scope = NewDisposeScope();
    var fake = g.forward(randn([batch, latent]));
    optD.zero_grad();
    var lossD = binary_cross_entropy_with_logits(d.forward(real), ones)
                + binary_cross_entropy_with_logits(d.forward(fake.detach()), zeros);
    lossD.backward();
    optD.step();
    optG.zero_grad();
    var lossG = binary_cross_entropy_with_logits(d.forward(fake), ones);
    lossG.backward();
    optG.step();
}

const int block = 50;
for (var i = 0; i < 20; i++)
    Step();
var rates = new List<double>();
for (var b = 0; b < steps / block; b++)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < block; i++)
        Step();
    rates.Add(block / clock.Elapsed.TotalSeconds);
}
rates.Sort();
Console.WriteLine(FormattableString.Invariant($"steps_per_second={rates[rates.Count / 2]:F2}"));
