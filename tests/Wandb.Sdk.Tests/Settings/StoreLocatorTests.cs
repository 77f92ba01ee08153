using Wandb.Settings;

namespace Wandb.Sdk.Tests.Settings;

[TestClass]
public sealed class StoreLocatorTests
{
    [TestMethod]
    public void The_store_defaults_to_a_wandb_folder_at_the_repository_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "wandb-locator-" + Guid.NewGuid().ToString("N"));
        var nested = Path.Combine(root, "src", "Model");
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        Directory.CreateDirectory(nested);
        try
        {
            Assert.AreEqual(Path.Combine(root, "wandb"), StoreLocator.Resolve(null, nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void A_git_file_of_a_worktree_also_marks_the_repository_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "wandb-locator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, ".git"), "gitdir: /elsewhere");
        try
        {
            Assert.AreEqual(Path.Combine(root, "wandb"), StoreLocator.Resolve(null, Path.Combine(root, "a")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Outside_a_repository_the_store_is_wandb_in_the_current_folder()
    {
        var dir = Path.Combine("/proc/self", "wandb-nowhere");

        Assert.AreEqual(Path.Combine(dir, "wandb"), StoreLocator.Resolve(null, dir));
    }

    [TestMethod]
    public void An_explicit_folder_wins_and_relative_paths_resolve_against_the_current_folder()
    {
        Assert.AreEqual("/data/runs", StoreLocator.Resolve("/data/runs", "/work"));
        Assert.AreEqual("/work/out/runs", StoreLocator.Resolve("out/runs", "/work"));
    }
}
