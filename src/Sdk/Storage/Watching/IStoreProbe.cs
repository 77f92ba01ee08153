namespace Wandb.Storage.Watching;

/// <summary>
/// Tells cheaply whether a store may have changed, since stores have no change feed: a live view polls it
/// several times a second and reads the store again only when a fingerprint moves.
/// </summary>
internal interface IStoreProbe
{
    /// <summary>
    /// A fingerprint of what changes while runs log: new runs, and the files or rows of the runs in
    /// <paramref name="activeRunIds"/> (the runs last seen running). Equal fingerprints mean nothing seen changed.
    /// </summary>
    long Quick(IReadOnlyCollection<string> activeRunIds);

    /// <summary>A fingerprint of every run, costlier: catches a finished run that a new process attached to.</summary>
    long Full();
}
