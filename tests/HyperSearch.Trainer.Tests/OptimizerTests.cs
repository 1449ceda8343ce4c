using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests;

/// <summary>
/// Each optimizer's first two updates of a two-element weight against hand-computed values. The
/// loss is g_t · w, so the gradient at step t is exactly g_t (plus weight decay where asked).
/// </summary>
public sealed class OptimizerTests
{
    private static readonly double[] Start = [1.0, -2.0];
    private static readonly double[][] Gradients = [[0.5, 1.0], [1.5, -1.0]];
    private const double Lr = 0.1;

    public OptimizerTests() => TorchRuntime.EnsureInitializedOnThisThread();

    [Fact]
    public void Sgd_StepsAgainstTheGradient()
    {
        AssertSteps(Config("sgd"), (w, g, _) => w - (Lr * g));
    }

    [Fact]
    public void Momentum_AccumulatesVelocity()
    {
        // PyTorch's form: v1 = g1, v2 = mu v1 + g2; w -= lr v.
        const double mu = 0.9;
        var v = new double[2];
        AssertSteps(Config("momentum") with { Momentum = mu }, (w, g, i) =>
        {
            v[i] = v[i] == 0 ? g : (mu * v[i]) + g;
            return w - (Lr * v[i]);
        }, resetState: () => Array.Clear(v));
    }

    [Fact]
    public void Nesterov_StepsWithTheLookAhead()
    {
        // v as for momentum, but the step uses g + mu v (the gradient at the look-ahead point).
        const double mu = 0.9;
        var v = new double[2];
        AssertSteps(Config("nesterov") with { Momentum = mu }, (w, g, i) =>
        {
            v[i] = v[i] == 0 ? g : (mu * v[i]) + g;
            return w - (Lr * (g + (mu * v[i])));
        }, resetState: () => Array.Clear(v));
    }

    [Fact]
    public void Adagrad_DividesBySquareRootOfSummedSquares()
    {
        const double eps = 1e-10;
        var sum = new double[2];
        AssertSteps(Config("adagrad"), (w, g, i) =>
        {
            sum[i] += g * g;
            return w - (Lr * g / (Math.Sqrt(sum[i]) + eps));
        }, resetState: () => Array.Clear(sum));
    }

    [Fact]
    public void RmsProp_KeepsARunningAverageWithTheDecayRate()
    {
        const double rho = 0.9, eps = 1e-8;
        var average = new double[2];
        AssertSteps(Config("rmsprop") with { DecayRate = rho }, (w, g, i) =>
        {
            average[i] = (rho * average[i]) + ((1 - rho) * g * g);
            return w - (Lr * g / (Math.Sqrt(average[i]) + eps));
        }, resetState: () => Array.Clear(average));
    }

    [Fact]
    public void Adam_CorrectsTheBiasAtSteps1And2()
    {
        const double beta1 = 0.8, beta2 = 0.95, eps = 1e-8;
        var m = new double[2];
        var v = new double[2];
        var t = new int[2];
        AssertSteps(Config("adam") with { Beta1 = beta1, Beta2 = beta2 }, (w, g, i) =>
        {
            t[i]++;
            m[i] = (beta1 * m[i]) + ((1 - beta1) * g);
            v[i] = (beta2 * v[i]) + ((1 - beta2) * g * g);
            var mHat = m[i] / (1 - Math.Pow(beta1, t[i]));
            var vHat = v[i] / (1 - Math.Pow(beta2, t[i]));
            return w - (Lr * mHat / (Math.Sqrt(vHat) + eps));
        }, resetState: () => { Array.Clear(m); Array.Clear(v); Array.Clear(t); });
    }

    [Fact]
    public void Adam_WeightDecayIsL2InTheGradient_AdamWDecouplesIt()
    {
        const double decay = 0.5, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var m = new double[2];
        var v = new double[2];
        var t = new int[2];
        double AdamStep(double w, double g, int i)
        {
            t[i]++;
            m[i] = (beta1 * m[i]) + ((1 - beta1) * g);
            v[i] = (beta2 * v[i]) + ((1 - beta2) * g * g);
            return w - (Lr * (m[i] / (1 - Math.Pow(beta1, t[i]))) / (Math.Sqrt(v[i] / (1 - Math.Pow(beta2, t[i]))) + eps));
        }

        void Reset()
        {
            Array.Clear(m);
            Array.Clear(v);
            Array.Clear(t);
        }

        AssertSteps(Config("adam") with { WeightDecay = decay }, (w, g, i) => AdamStep(w, g + (decay * w), i), Reset);
        AssertSteps(Config("adamw") with { WeightDecay = decay }, (w, g, i) => AdamStep(w * (1 - (Lr * decay)), g, i), Reset);
    }

    [Theory]
    [InlineData("sgd", 0.05)]
    [InlineData("momentum", 0.01)]
    [InlineData("nesterov", 0.01)]
    [InlineData("adagrad", 0.01)]
    [InlineData("rmsprop", 0.001)]
    [InlineData("adam", 0.001)]
    [InlineData("adamw", 0.001)]
    public void EachOptimizer_LearnsSyntheticData(string optimizer, double lr)
    {
        var result = TestJobs.Run(new() { ["optimizer"] = optimizer, ["lr"] = lr, ["weight_decay"] = 1e-4 }, epochs: 2);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(result.LastEpoch!.ValAccuracy > 0.5, $"{optimizer}: val accuracy {result.LastEpoch.ValAccuracy}");
    }

    private static TrainingConfig Config(string optimizer) => TrainingConfig.Default with { Optimizer = optimizer, LearningRate = Lr };

    /// <param name="expected">(weight, gradient, element) -> weight after the step.</param>
    private static void AssertSteps(TrainingConfig config, Func<double, double, int, double> expected, Action? resetState = null)
    {
        resetState?.Invoke();
        using var weight = new Parameter(tensor(Start.Select(x => (float)x).ToArray()));
        using var optimizer = OptimizerFactory.Create(config, [weight]);
        var reference = (double[])Start.Clone();
        foreach (var gradient in Gradients)
        {
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = (weight * tensor(gradient.Select(x => (float)x).ToArray())).sum();
                loss.backward();
                optimizer.step();
            }

            for (var i = 0; i < reference.Length; i++)
            {
                reference[i] = expected(reference[i], gradient[i], i);
            }

            var actual = weight.data<float>().ToArray();
            for (var i = 0; i < reference.Length; i++)
            {
                Assert.Equal(reference[i], actual[i], 1e-5);
            }
        }
    }
}
