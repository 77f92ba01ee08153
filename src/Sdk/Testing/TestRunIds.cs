using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Wandb.Testing;

/// <summary>
/// The id of the run that records one test result. The test logger (in the vstest.console or test
/// process) and a test that calls <see cref="WandbTest.Init(object, RunOptions?)"/> (in the testhost) compute
/// it independently from the same facts, which is how both end up writing to one run without talking
/// to each other: the store lets several processes attach to one run id.
/// </summary>
internal static class TestRunIds
{
    public const int Length = 12;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// One hash object per thread: the test logger computes an id per result, and creating and disposing one for each
    /// cost more than the hashing (netstandard2.0 has no static <c>SHA256.HashData</c>).
    /// </summary>
    [ThreadStatic]
    private static SHA256? _sha;

    /// <summary>The id for a test of <paramref name="testAssembly"/>: its simple name and target framework are part of the key.</summary>
    public static string For(string group, Assembly testAssembly, string fullyQualifiedName, string displayName) =>
        For(group, testAssembly.GetName().Name ?? string.Empty, WandbTest.FrameworkOf(testAssembly), fullyQualifiedName, displayName);

    /// <param name="group">The group of the test session.</param>
    /// <param name="assemblyName">Simple name of the test assembly (two projects may hold the same test name).</param>
    /// <param name="targetFramework">Framework name such as <c>.NETCoreApp,Version=v10.0</c> (one project may run for several).</param>
    /// <param name="fullyQualifiedName">Namespace, class and method: <c>My.Tests.CvTests.Fold</c>.</param>
    /// <param name="displayName">The display name, which tells the data rows of one method apart.</param>
    public static string For(string group, string assemblyName, string? targetFramework, string fullyQualifiedName, string displayName)
    {
        var key = string.Join("\n", group, assemblyName, targetFramework ?? string.Empty, fullyQualifiedName, displayName);
        var sha = _sha ??= SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));

        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(chars);
    }
}
