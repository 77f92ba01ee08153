using System.CommandLine;
using Wandb.Gates;

namespace Wandb.Cli.Commands;

/// <summary>
/// <c>--rule "metric[;JobType=..;Tolerance=..;Min=..;Max=..;Confidence=..;Direction=..]"</c>: a <c>WandbGate</c>
/// item on one line, checked by the SDK's <see cref="GateRuleParser"/> while parsing, so a bad value is a usage
/// error naming the option and the value.
/// </summary>
internal static class GateRuleOption
{
    public const string Name = "--rule";

    private static readonly string[] Fields =
    {
        GateRuleParser.JobType, GateRuleParser.Tolerance, GateRuleParser.Min, GateRuleParser.Max, GateRuleParser.Confidence, GateRuleParser.Direction,
    };

    public static Option<GateRule[]> Create() => new(Name)
    {
        Description = "A gate rule: the metric, then optional fields as on a WandbGate item, separated by ';', for example \"valid.Accuracy;JobType=fold;Tolerance=0.005\". Fields: " + string.Join(", ", Fields) + ". Repeat for several rules.",
        HelpName = "metric[;Field=value]...",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            var rules = new List<GateRule>();
            foreach (var token in result.Tokens)
            {
                try
                {
                    rules.Add(Parse(token.Value));
                }
                catch (FormatException ex)
                {
                    result.AddError($"{Name} '{token.Value}': {ex.Message}");
                }
            }

            return rules.ToArray();
        },
    };

    /// <exception cref="FormatException">The text is not a rule; the message names the field and the value.</exception>
    public static GateRule Parse(string text)
    {
        var parts = text.Split(';');
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1).Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part.Trim() : part.Substring(0, equals).Trim();
            var field = Fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"'{key}' is not a rule field; use {string.Join(", ", Fields)}.");
            if (equals < 0)
            {
                throw new FormatException($"{field} has no value; write {field}=value.");
            }

            if (metadata.ContainsKey(field))
            {
                throw new FormatException($"{field} is given twice.");
            }

            metadata[field] = part.Substring(equals + 1);
        }

        return GateRuleParser.Parse(parts[0], name => metadata.TryGetValue(name, out var value) ? value : null);
    }
}
