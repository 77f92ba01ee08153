namespace Wandb.Grouping;

/// <summary>
/// Whether a lower or a higher value of a metric is better, which decides the best group. Explicit lists
/// win; otherwise a name containing loss, error, err, mse, mae, rmse, mape, perplexity, time, duration or
/// latency (case-insensitive) is lower-is-better, and every other metric (accuracy, auc, f1, r2...) is
/// higher-is-better.
/// </summary>
internal sealed class MetricGoals
{
    private static readonly string[] LowerHints =
    {
        "loss", "error", "err", "mse", "mae", "rmse", "mape", "perplexity", "time", "duration", "latency",
    };

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

        var name = metric.ToLowerInvariant();
        return LowerHints.Any(h => name.Contains(h));
    }

    /// <summary>Whether mean <paramref name="candidate"/> beats <paramref name="incumbent"/> for <paramref name="metric"/>.</summary>
    public bool IsBetter(string metric, double candidate, double incumbent) =>
        LowerIsBetter(metric) ? candidate < incumbent : candidate > incumbent;
}
