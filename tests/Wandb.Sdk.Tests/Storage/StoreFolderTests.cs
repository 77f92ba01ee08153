using Wandb.Environment;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class StoreFolderTests
{
    [TestMethod]
    public void A_store_folder_created_by_the_first_run_gets_a_gitignore_that_ignores_everything_in_it()
    {
        using var temp = new TempStore();
        var store = Path.Combine(temp.Root, "fresh", "wandb");

        using (var run = temp.Init(new RunOptions { Dir = store, Project = "p" }))
        {
            run.Log("loss", 0.5);
        }

        Assert.AreEqual("*\n", File.ReadAllText(Path.Combine(store, ".gitignore")));
    }

    [TestMethod]
    public void A_store_folder_created_by_a_batch_of_test_results_gets_one_too()
    {
        using var temp = new TempStore();
        var store = Path.Combine(temp.Root, "fresh");

        using (var writer = new FolderRunStore(store, PhysicalStoreFileSystem.Instance, temp.Output, SystemClock.Instance).CreateBatchWriter("logger01"))
        {
            writer.Append(BatchRecords.Fold("fold0seed1", 0, "logger01"));
            writer.Flush();
        }

        Assert.AreEqual("*\n", File.ReadAllText(Path.Combine(store, ".gitignore")));
    }

    [TestMethod]
    public void A_gitignore_already_in_the_store_folder_is_kept_as_it_is()
    {
        using var temp = new TempStore();
        var gitignore = Path.Combine(temp.Root, ".gitignore");
        File.WriteAllText(gitignore, "report/\n");

        temp.Init(new RunOptions { Project = "p" }).Dispose();

        Assert.AreEqual("report/\n", File.ReadAllText(gitignore));
    }
}
