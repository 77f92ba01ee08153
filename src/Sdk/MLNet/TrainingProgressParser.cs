using System.Globalization;

namespace Wandb.MLNet;

/// <summary>
/// Reads the evaluation messages that ML.NET 5's FastTree trainers (FastTree binary, regression, Tweedie and
/// ranking) write through <c>MLContext.Log</c> every <c>TestFrequency</c> trees and after the last tree:
/// <c>train.ErrorRate=0.05</c> lines (binary, regression) and <c>trainNDCG:\t@1:98.22\t@2:...</c> lines
/// (ranking, percentages as printed). Returns null for every other message.
/// </summary>
internal static class TrainingProgressParser
{
    /// <summary>The channel FastTree's training loop writes through (<c>LoggingEventArgs.Source</c> starts with it).</summary>
    public const string FastTreeSource = "FastTreeTraining";

    public static Dictionary<string, double>? TryParse(string source, string message)
    {
        if (source is null || !source.StartsWith(FastTreeSource, StringComparison.Ordinal) || string.IsNullOrEmpty(message))
        {
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rawLine in message.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParseAssignment(line, values) && !TryParseCutOffList(line, values))
            {
                // Any other text means this is not a test-results message; a partial row would mislead.
                return null;
            }
        }

        return values.Count == 0 ? null : values;
    }

    private static bool TryParseAssignment(string line, Dictionary<string, double> values)
    {
        var equals = line.IndexOf('=');
        if (equals <= 0 || line.IndexOf(' ') >= 0)
        {
            return false;
        }

        if (!double.TryParse(line.Substring(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        values[line.Substring(0, equals)] = value;
        return true;
    }

    // "trainNDCG:\t@1:98.22\t@2:99.49" -> train.NDCG@1 = 98.22, train.NDCG@2 = 99.49
    private static bool TryParseCutOffList(string line, Dictionary<string, double> values)
    {
        var parts = line.Split(new[] { '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].EndsWith(":", StringComparison.Ordinal))
        {
            return false;
        }

        var name = SplitDataSetPrefix(parts[0].Substring(0, parts[0].Length - 1).Trim());
        var parsed = new List<KeyValuePair<string, double>>();
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var colon = part.IndexOf(':');
            if (!part.StartsWith("@", StringComparison.Ordinal) || colon < 2
                || !double.TryParse(part.Substring(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            parsed.Add(new KeyValuePair<string, double>(name + part.Substring(0, colon), value));
        }

        foreach (var pair in parsed)
        {
            values[pair.Key] = pair.Value;
        }

        return true;
    }

    private static string SplitDataSetPrefix(string name)
    {
        foreach (var prefix in new[] { "train", "valid", "test" })
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(name[prefix.Length]))
            {
                return prefix + "." + name.Substring(prefix.Length);
            }
        }

        return name;
    }
}
