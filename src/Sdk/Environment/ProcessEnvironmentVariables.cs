namespace Wandb.Environment;

/// <summary>The real process environment. Empty values count as unset, as in W&amp;B.</summary>
internal sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static readonly ProcessEnvironmentVariables Instance = new();

    public string? Get(string name)
    {
        var value = System.Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
