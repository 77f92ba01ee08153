namespace Wandb.Grouping;

/// <summary>
/// Whether a lower or a higher value of a metric is better, which decides the best group. Explicit lists
/// win; otherwise the name is split into words (at separators and camelCase humps, so ML.NET's
/// <c>AreaUnderRocCurve</c> is area/under/roc/curve) and a word such as loss, error, err, mse, mae, rmse,
/// mape, perplexity, time, duration, latency or distance makes it lower-is-better, unless a word such as
/// reduction, gain or improvement says the metric measures a decrease (ML.NET's <c>LogLossReduction</c>).
/// Every other metric (accuracy, auc, f1, r2...) is higher-is-better.
/// </summary>
internal sealed class MetricGoals
{
    private static readonly string[] LowerHints =
    {
        "loss", "error", "errors", "err", "mse", "mae", "rmse", "mape", "perplexity", "time", "duration", "latency",
        "distance", "seconds", "ms", "davies",
    };

    private static readonly string[] HigherHints = { "reduction", "gain", "gains", "improvement" };

    private readonly HashSet<string> _lower;
    private readonly HashSet<string> _higher;

    public MetricGoals(IEnumerable<string>? lowerIsBetter = null, IEnumerable<string>? higherIsBetter = null)
    {
        _lower = new HashSet<string>(lowerIsBetter ?? Array.Empty<string>(), StringComparer.Ordinal);
        _higher = new HashSet<string>(higherIsBetter ?? Array.Empty<string>(), StringComparer.Ordinal);
    }

    public bool LowerIsBetter(string metric)
    {
        if (_lower.Contains(metric))
        {
            return true;
        }

        if (_higher.Contains(metric))
        {
            return false;
        }

        var words = Words(metric);
        return words.Any(w => LowerHints.Contains(w)) && !words.Any(w => HigherHints.Contains(w));
    }

    /// <summary>Lower-case words of a metric name: split at anything but letters and digits, and at camelCase humps.</summary>
    internal static List<string> Words(string metric)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < metric.Length; i++)
        {
            var c = metric[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            var hump = current.Length > 0 && char.IsUpper(c)
                && (char.IsLower(metric[i - 1]) || char.IsDigit(metric[i - 1]) || (i + 1 < metric.Length && char.IsLower(metric[i + 1])));
            if (hump)
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
