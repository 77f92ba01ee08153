using Microsoft.Build.Framework;
using Wandb.Diagnostics;
using Wandb.Gates;

namespace Wandb.Build.Tasks.Gates;

/// <summary>The gate's MSBuild settings, checked the same way before a test run and after a tracked target: a bad value is error WANDB205.</summary>
internal static class GateSettings
{
    /// <summary><c>WandbGateMode</c>: true for <c>warn</c>, false for <c>error</c> (the default); null after reporting a bad value.</summary>
    public static bool? ParseMode(string? mode, Action<string, string> error)
    {
        switch (string.IsNullOrWhiteSpace(mode) ? null : mode!.Trim().ToLowerInvariant())
        {
            case null or "error":
                return false;
            case "warn":
                return true;
            default:
                error(WarningCodes.GateRuleInvalid, $"WandbGateMode '{mode}' is neither 'error' nor 'warn'.");
                return null;
        }
    }

    /// <summary>The <c>WandbGate</c> items as rules; null after reporting every bad one.</summary>
    public static IReadOnlyList<GateRule>? ParseRules(IEnumerable<ITaskItem> items, Action<string, string> error)
    {
        var rules = new List<GateRule>();
        var bad = false;
        foreach (var item in items)
        {
            try
            {
                rules.Add(GateRuleParser.Parse(item.ItemSpec, item.GetMetadata));
            }
            catch (FormatException ex)
            {
                error(WarningCodes.GateRuleInvalid, ex.Message);
                bad = true;
            }
        }

        return bad ? null : rules;
    }
}
