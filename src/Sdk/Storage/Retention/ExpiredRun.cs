namespace Wandb.Storage.Retention;

/// <summary>A run a retention policy deleted, or would delete in a dry run.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Project">Its project.</param>
/// <param name="Group">Its group, or null for a run without one.</param>
/// <param name="LastActiveAt">When the run was last written.</param>
public sealed record ExpiredRun(string Id, string Project, string? Group, DateTimeOffset LastActiveAt);
