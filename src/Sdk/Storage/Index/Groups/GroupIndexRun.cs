namespace Wandb.Storage.Index.Groups;

/// <summary>
/// What the group index knows of one run: the group it counted the run in (null for a run no group counts: not
/// written yet, or deleted), and the fingerprint of the snapshot line it read (<see cref="LineHash"/>).
/// </summary>
/// <param name="Key">The group the run counts in; null for a run no group counts.</param>
/// <param name="Hash">The fingerprint of the run's snapshot line when it was counted; 0 for a run read again every time (live, or without a line yet).</param>
/// <param name="SeenLine">
/// The very line the fingerprint was taken of, kept in memory only: the same store object listing again (the calls of
/// one report, each refresh of <c>dotnet wandb ui</c>) knows a line it saw before without hashing it again. Lines are
/// slices of what a listing read (an array, or a mapped snapshot the index never writes in place), and a run that changes gets a new one.
/// </param>
internal sealed record GroupIndexRun(GroupKey? Key, ulong Hash, ReadOnlyMemory<byte>? SeenLine = null);
