namespace Wandb.Environment;

/// <summary>Environment variables from a dictionary: used by the MSBuild tasks (which see variables through the build) and by tests.</summary>
internal sealed class DictionaryEnvironmentVariables : IEnvironmentVariables
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    public DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string?> values) => _values = values;

    public string? Get(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
