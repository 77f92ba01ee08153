namespace Churn.Tests;

/// <summary>
/// Stands in for a user's test class: the reporter reads parameter names from the test assembly's metadata,
/// and in these unit tests the "test assembly" is this one.
/// </summary>
internal static class ModelTests
{
    public static int CrossValidate(int fold, int seed) => fold + seed;

    public static int Overloaded(int a) => a;

    public static int Overloaded(long b) => (int)b;
}
