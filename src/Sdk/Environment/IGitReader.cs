namespace Wandb.Environment;

/// <summary>Finds a working copy and reads its git state; the seam <see cref="GitStateCache"/> counts on in tests.</summary>
internal interface IGitReader
{
    /// <summary>The repository root at or above <paramref name="directory"/>, or null outside any repository.</summary>
    string? FindRoot(string directory);

    /// <summary>The commit, branch and dirtiness of the working copy at <paramref name="root"/>, or null when it cannot be read.</summary>
    GitState? Read(string root);
}
