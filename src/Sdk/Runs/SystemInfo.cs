using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Runs;

/// <summary>Where a run was recorded: machine, process, git state and CI run.</summary>
public sealed class SystemInfo
{
    /// <summary>Host name.</summary>
    [JsonProperty(JsonFields.Host)]
    public string? Host { get; set; }

    /// <summary>Operating system description.</summary>
    [JsonProperty(JsonFields.Os)]
    public string? Os { get; set; }

    /// <summary>.NET runtime description.</summary>
    [JsonProperty(JsonFields.DotNet)]
    public string? DotNet { get; set; }

    /// <summary>Id of the process that created the run.</summary>
    [JsonProperty(JsonFields.Pid)]
    public int Pid { get; set; }

    /// <summary>Git commit of the working copy, when in a repository.</summary>
    [JsonProperty(JsonFields.GitCommit)]
    public string? GitCommit { get; set; }

    /// <summary>Git branch, when in a repository on a branch.</summary>
    [JsonProperty(JsonFields.GitBranch)]
    public string? GitBranch { get; set; }

    /// <summary>Whether the working copy had uncommitted changes; null when unknown.</summary>
    [JsonProperty(JsonFields.GitDirty)]
    public bool? GitDirty { get; set; }

    /// <summary>CI provider (github, azure-devops, gitlab), when in CI.</summary>
    [JsonProperty(JsonFields.CiProvider)]
    public string? CiProvider { get; set; }

    /// <summary>CI pipeline run id, when in CI.</summary>
    [JsonProperty(JsonFields.CiRunId)]
    public string? CiRunId { get; set; }
}
