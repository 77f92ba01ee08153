using System.Reflection;
using Microsoft.ML.Data;

namespace Wandb.MLNet;

/// <summary>
/// Reads the metric classes of every ML.NET catalog (binary, calibrated binary, multiclass, regression,
/// ranking, clustering) through their public properties, so a property ML.NET adds later is picked up too.
/// Scalars keep ML.NET's property names. Lists indexed by a cut-off (NDCG, DCG, top-k accuracy) become
/// <c>Name@k</c> with k from 1; lists indexed by class become <c>Name[i]</c>. A confusion matrix becomes its
/// per-class precision and recall scalars plus a readable structured value (see <see cref="ReadStructured"/>).
/// </summary>
internal static class MetricReader
{
    private static readonly HashSet<string> CutOffLists = new(StringComparer.Ordinal)
    {
        nameof(RankingMetrics.NormalizedDiscountedCumulativeGains),
        nameof(RankingMetrics.DiscountedCumulativeGains),
        nameof(MulticlassClassificationMetrics.TopKAccuracyForAllK),
    };

    /// <summary>True for the metric classes of ML.NET's catalogs (namespace <c>Microsoft.ML.Data</c>, name ending in Metrics).</summary>
    public static bool IsMetricsObject(object metrics)
    {
        var type = metrics.GetType();
        return type.Namespace == typeof(RegressionMetrics).Namespace && type.Name.EndsWith("Metrics", StringComparison.Ordinal);
    }

    /// <summary>Every scalar of the metrics object, in property order, with an optional <c>prefix.</c>.</summary>
    public static List<MetricEntry> ReadScalars(object metrics, string? prefix = null)
    {
        var result = new List<MetricEntry>();
        foreach (var property in PublicProperties(metrics.GetType()))
        {
            var name = Prefixed(prefix, property.Name);
            var value = property.GetValue(metrics);
            switch (value)
            {
                case double d:
                    result.Add(new MetricEntry(name, d));
                    break;
                case float f:
                    result.Add(new MetricEntry(name, f));
                    break;
                case int i:
                    result.Add(new MetricEntry(name, i));
                    break;
                case long l:
                    result.Add(new MetricEntry(name, l));
                    break;
                case ConfusionMatrix matrix:
                    AddList(result, Prefixed(prefix, nameof(ConfusionMatrix.PerClassPrecision)), matrix.PerClassPrecision, cutOff: false);
                    AddList(result, Prefixed(prefix, nameof(ConfusionMatrix.PerClassRecall)), matrix.PerClassRecall, cutOff: false);
                    break;
                case IReadOnlyList<double> list:
                    AddList(result, name, list, CutOffLists.Contains(property.Name));
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// The values that are not scalars, in a form people can read in runs.json and the reports:
    /// a confusion matrix as <c>{ classes, counts, per_class_precision, per_class_recall, table }</c>,
    /// lists as lists. Nothing is dropped: every list also appears as scalars in <see cref="ReadScalars"/>.
    /// </summary>
    public static Dictionary<string, object?> ReadStructured(object metrics, string? prefix = null)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in PublicProperties(metrics.GetType()))
        {
            var name = Prefixed(prefix, property.Name);
            switch (property.GetValue(metrics))
            {
                case ConfusionMatrix matrix:
                    result[name] = new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["classes"] = matrix.NumberOfClasses,
                        ["counts"] = matrix.Counts.Select(row => row.ToList()).ToList(),
                        ["per_class_precision"] = matrix.PerClassPrecision.ToList(),
                        ["per_class_recall"] = matrix.PerClassRecall.ToList(),
                        ["table"] = matrix.GetFormattedConfusionTable(),
                    };
                    break;
                case IReadOnlyList<double> list:
                    result[name] = list.ToList();
                    break;
            }
        }

        return result;
    }

    private static IEnumerable<PropertyInfo> PublicProperties(Type type)
    {
        // Base-class properties first (Accuracy before LogLoss for calibrated metrics), declaration order within.
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Push(t);
        }

        foreach (var t in chain)
        {
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })
                {
                    yield return property;
                }
            }
        }
    }

    private static void AddList(List<MetricEntry> result, string name, IReadOnlyList<double> list, bool cutOff)
    {
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(new MetricEntry(cutOff ? $"{name}@{i + 1}" : $"{name}[{i}]", list[i]));
        }
    }

    private static string Prefixed(string? prefix, string name) => string.IsNullOrEmpty(prefix) ? name : prefix + "." + name;
}
