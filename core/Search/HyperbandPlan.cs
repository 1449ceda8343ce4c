namespace HyperSearch.Search;

/// <summary>
/// Hyperband's brackets for a sweep, in epochs. The paper measures resources in units of the
/// smallest one; here that unit is <c>grace_epochs</c> and R = max_epochs, so
/// s_max = floor(log_eta(max_epochs / grace)), and bracket s starts
/// n_s = ceil((s_max + 1) / (s + 1) · eta^s) trials at r_s = grace · eta^(s_max - s) epochs
/// (the paper's R · eta^-s whenever max_epochs = grace · eta^s_max). For R = 81, eta = 3:
/// s = 4..0 give n = 81, 34, 15, 8, 5 and r = 1, 3, 9, 27, 81.
/// </summary>
public static class HyperbandPlan
{
    public static IReadOnlyList<HyperbandBracket> Brackets(int graceEpochs, int maxEpochs, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(graceEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, graceEpochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);

        // Integer arithmetic: log_eta by repeated multiplication is exact where Math.Log is not.
        int sMax = 0;
        for (long resource = (long)graceEpochs * eta; resource <= maxEpochs; resource *= eta)
        {
            sMax++;
        }

        var brackets = new List<HyperbandBracket>();
        for (int s = sMax; s >= 0; s--)
        {
            long power = Power(eta, s);
            int trials = (int)(((sMax + 1) * power + s) / (s + 1)); // ceil((s_max + 1) · eta^s / (s + 1))
            int epochs = (int)(graceEpochs * Power(eta, sMax - s));
            var rounds = new List<(int Trials, int Epochs)>();
            for (int i = 0; i <= s; i++)
            {
                int roundTrials = (int)(trials / Power(eta, i));
                int roundEpochs = i == s ? maxEpochs : (int)(epochs * Power(eta, i));
                rounds.Add((roundTrials, roundEpochs));
            }

            brackets.Add(new HyperbandBracket(s, trials, rounds[0].Epochs, rounds));
        }

        return brackets;
    }

    private static long Power(int value, int exponent)
    {
        long result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }
}
