namespace Wandb.EndToEnd.Tests.Infrastructure;

[TestClass]
public static class AssemblyHooks
{
    [AssemblyCleanup]
    public static void CleanUp()
    {
        PackageFeed.CleanUp();
        ToolPackage.CleanUp();
    }
}
