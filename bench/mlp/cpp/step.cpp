// The tutorials' MLP GAN training step in plain C++ libtorch: the floor that no binding can beat.
// Usage: mlp_step STEPS THREADS
// Times STEPS steps in blocks of 50 and prints the median block's rate: steps_per_second=<value>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace F = torch::nn::functional;

int main(int argc, char** argv)
{
    const int steps = std::atoi(argv[1]);
    torch::set_num_threads(std::atoi(argv[2]));
    torch::manual_seed(0);
    const int64_t batch = 100, latent = 64;

    torch::nn::Sequential G(torch::nn::Linear(latent, 256), torch::nn::ReLU(), torch::nn::Linear(256, 256),
                            torch::nn::ReLU(), torch::nn::Linear(256, 784), torch::nn::Tanh());
    torch::nn::Sequential D(torch::nn::Linear(784, 256), torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2)),
                            torch::nn::Linear(256, 256), torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2)),
                            torch::nn::Linear(256, 1));
    torch::optim::Adam opt_g(G->parameters(), torch::optim::AdamOptions(2e-4).betas({0.5, 0.999}));
    torch::optim::Adam opt_d(D->parameters(), torch::optim::AdamOptions(2e-4).betas({0.5, 0.999}));
    auto real = torch::rand({batch, 784}) * 2 - 1;
    auto ones = torch::ones({batch, 1});
    auto zeros = torch::zeros({batch, 1});

    auto step = [&] {
        auto fake = G->forward(torch::randn({batch, latent}));
        for (auto& p : D->parameters()) p.mutable_grad().reset();
        auto loss_d = F::binary_cross_entropy_with_logits(D->forward(real), ones) +
                      F::binary_cross_entropy_with_logits(D->forward(fake.detach()), zeros);
        loss_d.backward();
        opt_d.step();
        for (auto& p : G->parameters()) p.mutable_grad().reset();
        auto loss_g = F::binary_cross_entropy_with_logits(D->forward(fake), ones);
        loss_g.backward();
        opt_g.step();
    };

    const int block = 50;
    for (int i = 0; i < 20; i++) step();
    std::vector<double> rates;
    for (int b = 0; b < steps / block; b++) {
        auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < block; i++) step();
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        rates.push_back(block / elapsed.count());
    }
    std::sort(rates.begin(), rates.end());
    std::printf("steps_per_second=%.2f\n", rates[rates.size() / 2]);
}
