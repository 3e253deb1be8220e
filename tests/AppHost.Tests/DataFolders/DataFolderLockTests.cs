using System.Diagnostics;
using Crm.AppHost;
using Crm.AppHost.DataFolders;

namespace AppHost.Tests.DataFolders;

public sealed class DataFolderLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_second_claim_on_a_data_folder_is_refused_naming_the_holder_until_the_first_is_released()
    {
        var data = _temp.Combine("data");
        using (DataFolderLock.Take(data, processId: 4242))
        {
            var refused = Assert.Throws<AppHostException>(() => DataFolderLock.Take(data, processId: 7));

            Assert.Contains($"another AppHost (process 4242) is running on the data folder {data}", refused.Message, StringComparison.Ordinal);
            Assert.Contains("--data DIR", refused.Message, StringComparison.Ordinal);
        }

        using var second = DataFolderLock.Take(data, processId: 7);
        Assert.Equal("7", File.ReadAllText(Path.Combine(data, DataFolderLock.OwnerFileName)));
    }

    [Fact]
    public async Task A_holder_killed_with_sigkill_releases_the_folder()
    {
        var data = Directory.CreateDirectory(_temp.Combine("data")).FullName;
        // util-linux flock(1) takes the same flock(2) lock as the AppHost, in a process this test can kill -9
        // (-o: the lock stays with flock itself, not with the sleep it runs).
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-o", Path.Combine(data, DataFolderLock.LockFileName), "sleep", "60"]))!;
        await WaitUntilAsync(() => IsRefused(data) && Children(holder.Id).Length > 0);

        var sleeper = Children(holder.Id);
        try
        {
            Assert.False(holder.HasExited, "flock ended by itself, so its death would prove nothing");
            holder.Kill(); // SIGKILL: no chance to unlock
            await holder.WaitForExitAsync();

            using var claim = DataFolderLock.Take(data, Environment.ProcessId);
        }
        finally
        {
            foreach (var pid in sleeper)
                Process.GetProcessById(pid).Kill();
        }
    }

    private static int[] Children(int pid) =>
        [.. File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    private static bool IsRefused(string data)
    {
        try
        {
            DataFolderLock.Take(data, Environment.ProcessId).Dispose();
            return false;
        }
        catch (AppHostException)
        {
            return true;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "flock did not take the lock and start its command within 30 s");
            await Task.Delay(20);
        }
    }
}
