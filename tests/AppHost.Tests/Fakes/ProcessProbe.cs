namespace AppHost.Tests.Fakes;

/// <summary>Whether a pid is still a live process (a zombie counts as gone: it holds no port and runs no code).</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits (polling /proc, there being no exit signal for a process that is not our child) until it is gone.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(50);
        }

        return true;
    }
}
