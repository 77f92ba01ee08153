namespace Wandb.Settings;

/// <summary>A group name and where it came from, so output can say why runs share a group.</summary>
internal sealed record ResolvedGroup(string Name, GroupSource Source);
