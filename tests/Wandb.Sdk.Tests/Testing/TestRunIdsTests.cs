using System.Security.Cryptography;
using System.Text;
using Wandb.Testing;

namespace Wandb.Sdk.Tests.Testing;

[TestClass]
public sealed class TestRunIdsTests
{
    [TestMethod]
    public void An_id_is_twelve_characters_of_the_SHA256_of_the_facts_that_name_the_test()
    {
        // Computed here the long way: the logger and a test's own WandbTest.Init must keep agreeing on it, and stores
        // written by earlier versions hold runs under these ids.
        var key = string.Join("\n", "g", "My.Tests", ".NETCoreApp,Version=v10.0", "My.Tests.Cv.Fold", "Fold(3)");
        var hash = SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes(key));
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var expected = new string(hash.Take(12).Select(b => Alphabet[b % Alphabet.Length]).ToArray());

        Assert.AreEqual(expected, TestRunIds.For("g", "My.Tests", ".NETCoreApp,Version=v10.0", "My.Tests.Cv.Fold", "Fold(3)"));
        Assert.AreNotEqual(expected, TestRunIds.For("g", "My.Tests", ".NETCoreApp,Version=v10.0", "My.Tests.Cv.Fold", "Fold(4)"));
    }

    [TestMethod]
    public void Threads_computing_ids_at_once_each_get_the_id_of_their_own_test()
    {
        var names = Enumerable.Range(0, 2_000).Select(i => "Fold(" + i + ")").ToArray();
        var alone = names.Select(n => TestRunIds.For("g", "My.Tests", null, "My.Tests.Cv.Fold", n)).ToArray();

        var together = new string[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = TestRunIds.For("g", "My.Tests", null, "My.Tests.Cv.Fold", names[i]));

        CollectionAssert.AreEqual(alone, together);
        Assert.AreEqual(names.Length, alone.Distinct().Count());
    }
}
