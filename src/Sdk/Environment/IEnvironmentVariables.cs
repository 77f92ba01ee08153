namespace Wandb.Environment;

/// <summary>Reads environment variables; the process environment by default, a dictionary in tests.</summary>
internal interface IEnvironmentVariables
{
    /// <summary>Returns the variable's value, or null when it is unset or empty.</summary>
    string? Get(string name);
}
