using Microsoft.Build.Framework;

namespace Wandb.Build.Tasks;

/// <summary>
/// Draws the id of one build. Called only from Wandb.Build.Session.proj, which MSBuild's results cache
/// builds once per build, so every project and node of a <c>dotnet build</c> receives the same id.
/// </summary>
public sealed class WandbNewBuildId : Microsoft.Build.Utilities.Task
{
    /// <summary>8 characters of [a-z0-9], like a run id.</summary>
    [Output]
    public string Id { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        Id = Wandb.RunId.Generate();
        return true;
    }
}
