using Microsoft.Build.Framework;
using Wandb.Diagnostics;

namespace Wandb.Build.Tasks.Config;

/// <summary>
/// Collects a tracked target's config: Configuration and TargetFramework, the properties named in
/// <c>WandbConfigProperties</c>, then <c>WandbConfig</c> items (which win, being the most specific).
/// </summary>
/// <remarks>
/// MSBuild gives tasks no way to read a project property by name, only the global properties
/// (<c>-p:Name=Value</c>, or those a solution or MSBuild task passes). That covers command-line sweeps; a
/// value set in the project file is recorded with a <c>WandbConfig</c> item, which the warning suggests.
/// </remarks>
internal static class BuildConfig
{
    public static List<KeyValuePair<string, object?>> Collect(
        string? configuration,
        string? targetFramework,
        IEnumerable<string> propertyNames,
        IReadOnlyDictionary<string, string> globalProperties,
        IEnumerable<ITaskItem> items,
        Action<string, string> warn)
    {
        var values = new List<KeyValuePair<string, object?>>();
        AddText(values, "Configuration", configuration);
        AddText(values, "TargetFramework", targetFramework);
        foreach (var name in propertyNames.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var global = globalProperties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            if (global.Key is null)
            {
                warn(
                    WarningCodes.ConfigPropertyNotReadable,
                    $"WandbConfigProperties names '{name}', but '{name}' was not given on the command line (-p:{name}=...), and MSBuild lets tasks read only such global properties. It is left out of the run's config. To record the project's value, add <WandbConfig Include=\"{name}\" Value=\"$({name})\" />.");
                continue;
            }

            Set(values, name, PropertyValueParser.Parse(global.Value));
        }

        foreach (var item in items)
        {
            var name = item.ItemSpec.Trim();
            var names = item.MetadataNames.Cast<string>();
            if (!names.Contains("Value", StringComparer.OrdinalIgnoreCase))
            {
                warn(
                    WarningCodes.ConfigItemWithoutValue,
                    $"The WandbConfig item '{name}' has no Value metadata (or an empty one) and is left out of the run's config. Write <WandbConfig Include=\"{name}\" Value=\"...\" />.");
                continue;
            }

            Set(values, name, PropertyValueParser.Parse(item.GetMetadata("Value")));
        }

        return values;
    }

    private static void AddText(List<KeyValuePair<string, object?>> values, string key, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Set(values, key, text!.Trim());
        }
    }

    private static void Set(List<KeyValuePair<string, object?>> values, string key, object? value)
    {
        values.RemoveAll(p => string.Equals(p.Key, key, StringComparison.Ordinal));
        values.Add(new KeyValuePair<string, object?>(key, value));
    }
}
