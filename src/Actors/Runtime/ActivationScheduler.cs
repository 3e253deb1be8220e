namespace Actors.Runtime;

/// <summary>
/// Runs the work of one activation one piece at a time (Orleans' ActivationTaskScheduler). Each turn starts
/// on it, and every await inside the actor resumes on it, so actor code never runs on two threads at once
/// even when calls interleave. It never inlines, and yields the thread after a quantum so that one busy
/// activation cannot starve the others.
/// </summary>
internal sealed class ActivationScheduler(Activation activation) : TaskScheduler, IThreadPoolWorkItem
{
    /// <summary>The activation whose work runs here; code running on this scheduler is that activation's code.</summary>
    public Activation Activation => activation;

    private const int Quantum = 32;
    private readonly Queue<Task> _tasks = new();
    private bool _scheduled;

    public int QueueLength
    {
        get
        {
            lock (_tasks)
                return _tasks.Count;
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_tasks)
        {
            _tasks.Enqueue(task);
            if (_scheduled)
                return;
            _scheduled = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        for (var i = 0; i < Quantum; i++)
        {
            Task? task;
            lock (_tasks)
            {
                if (!_tasks.TryDequeue(out task))
                {
                    _scheduled = false;
                    return;
                }
            }
            TryExecuteTask(task);
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_tasks)
            return _tasks.ToArray();
    }
}
