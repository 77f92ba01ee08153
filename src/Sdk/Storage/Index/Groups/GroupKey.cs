namespace Wandb.Storage.Index.Groups;

/// <summary>What the store aggregates by: a project and a group (null for the project's runs without one).</summary>
internal readonly record struct GroupKey(string Project, string? Group);
