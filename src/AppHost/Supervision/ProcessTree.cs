using System.Diagnostics;

namespace Crm.AppHost.Supervision;

/// <summary>
/// The descendants of a process, read from /proc. Taken before a child is asked to stop, because once the child
/// has exited its own children are re-parented and can no longer be found from it: they would become orphans.
/// </summary>
internal static class ProcessTree
{
    public static IReadOnlyList<Process> DescendantsOf(int rootPid)
    {
        if (!Directory.Exists("/proc"))
            return [];
        var childrenByParent = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryReadParent(pid, out var parent))
            {
                if (!childrenByParent.TryGetValue(parent, out var list))
                    childrenByParent[parent] = list = [];
                list.Add(pid);
            }
        }

        var result = new List<Process>();
        var pending = new Stack<int>([rootPid]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in childrenByParent.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
                if (TryOpen(child) is { } process)
                    result.Add(process);
            }
        }

        return result;
    }

    private static bool TryReadParent(int pid, out int parent)
    {
        parent = 0;
        try
        {
            // Format: "pid (comm) state ppid ..."; comm may contain spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 1 && int.TryParse(fields[1], out parent);
        }
        catch (IOException)
        {
            return false; // the process ended while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Process? TryOpen(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // already gone
        }
    }
}
