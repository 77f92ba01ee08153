namespace Wandb.Grouping;

/// <summary>The kind of a <see cref="GroupValue"/>, in the order groups are listed.</summary>
internal enum GroupValueKind
{
    Number,
    Boolean,
    Text,
    Missing,
}
