namespace Crm.AppHost.Health;

public enum ReadinessOutcome
{
    Ready,
    Exited,
    TimedOut,
}

/// <summary>How waiting for a resource ended; <see cref="ExitCode"/> is set when the process exited first.</summary>
public sealed record ReadinessResult(ReadinessOutcome Outcome, TimeSpan Elapsed, int? ExitCode = null);
