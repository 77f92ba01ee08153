namespace Wandb.Environment;

/// <summary>The commit, branch and dirtiness of a working copy.</summary>
internal sealed record GitState(string? Commit, string? Branch, bool? Dirty);
