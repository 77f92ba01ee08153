namespace Wandb.Postgres.Tests.Infrastructure;

/// <summary>
/// An exclusive lock file next to the test server's data folder. Test projects run in parallel under
/// `dotnet test Integration.sln`: the restart test holds it while the server is down, and tests in other
/// projects that need the server for a moment hold it too, so they never meet a restart.
/// </summary>
public static class ServerLock
{
    public static IDisposable Acquire(string dataDirectory, TimeSpan timeout)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!, "wandb-tests.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
