namespace Wandb.Build.Tasks.Environment;

/// <summary>
/// The environment of the project being built: read to resolve <c>WANDB_*</c> settings, written so the
/// processes a target starts (<c>Exec</c>) attach to its run. The process environment in a build, a
/// dictionary in tests.
/// </summary>
internal interface ITaskEnvironment
{
    /// <summary>All variables as they are now.</summary>
    IReadOnlyDictionary<string, string?> Snapshot();

    /// <summary>Returns a variable, or null when unset.</summary>
    string? Get(string name);

    /// <summary>Sets a variable, or removes it when <paramref name="value"/> is null.</summary>
    void Set(string name, string? value);
}
