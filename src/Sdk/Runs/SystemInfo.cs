using Newtonsoft.Json;

namespace Wandb.Runs;

/// <summary>Where a run was recorded: machine, process, git state and CI run.</summary>
public sealed class SystemInfo
{
    /// <summary>Host name.</summary>
    [JsonProperty("host")]
    public string? Host { get; set; }

    /// <summary>Operating system description.</summary>
    [JsonProperty("os")]
    public string? Os { get; set; }

    /// <summary>.NET runtime description.</summary>
    [JsonProperty("dotnet")]
    public string? DotNet { get; set; }

    /// <summary>Id of the process that created the run.</summary>
    [JsonProperty("pid")]
    public int Pid { get; set; }

    /// <summary>Git commit of the working copy, when in a repository.</summary>
    [JsonProperty("git_commit")]
    public string? GitCommit { get; set; }

    /// <summary>Git branch, when in a repository on a branch.</summary>
    [JsonProperty("git_branch")]
    public string? GitBranch { get; set; }

    /// <summary>Whether the working copy had uncommitted changes; null when unknown.</summary>
    [JsonProperty("git_dirty")]
    public bool? GitDirty { get; set; }

    /// <summary>CI provider (github, azure-devops, gitlab), when in CI.</summary>
    [JsonProperty("ci_provider")]
    public string? CiProvider { get; set; }

    /// <summary>CI pipeline run id, when in CI.</summary>
    [JsonProperty("ci_run_id")]
    public string? CiRunId { get; set; }
}
