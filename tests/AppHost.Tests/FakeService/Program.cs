using System.Diagnostics;
using System.Runtime.InteropServices;

// Behaviour comes from ./fake.env (KEY=VALUE lines) in the working directory, which the AppHost sets to the
// service's project folder: each test gives each fake its own folder, so fakes in one test can differ.
var behaviour = File.Exists("fake.env")
    ? File.ReadAllLines("fake.env").Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..])
    : [];
int Setting(string key, int fallback) => behaviour.TryGetValue(key, out var v) ? int.Parse(v) : fallback;

Console.WriteLine($"fake: started pid={Environment.ProcessId} cwd={Environment.CurrentDirectory}");
foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order())
{
    if (name.StartsWith("Services__") || name.StartsWith("Orleans__") || name.StartsWith("Crm__") || name.StartsWith("OTEL_")
        || name.StartsWith("ASPNETCORE_") || name is "DOTNET_ENVIRONMENT" or "CRM_PARENT_PID")
        Console.WriteLine($"fake: env {name}={Environment.GetEnvironmentVariable(name)}");
}

if (Setting("SPAWN_GRANDCHILD", 0) == 1)
{
    using var grandchild = Process.Start("sleep", "600");
    Console.WriteLine($"fake: grandchild pid={grandchild.Id}");
}

// Registered before the host so it wins over the host's own SIGTERM handling.
using var ignoreTerm = Setting("IGNORE_SIGTERM", 0) == 1
    ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Console.WriteLine("fake: ignoring SIGTERM"); })
    : null;

// CRASH_AFTER_MS crashes that long after start; CRASH_ON_FILE crashes when the test creates that file (deleting it
// first, so the restarted process runs on): a test's signal rather than a race against start-up time.
var crashAfter = Setting("CRASH_AFTER_MS", -1);
var crashFile = behaviour.GetValueOrDefault("CRASH_ON_FILE");
if (crashAfter >= 0 || crashFile is not null)
{
    _ = Task.Run(async () =>
    {
        if (crashAfter >= 0)
            await Task.Delay(crashAfter);
        while (crashFile is not null && !File.Exists(crashFile))
            await Task.Delay(50);
        if (crashFile is not null)
            File.Delete(crashFile);
        for (var i = 1; i <= 30; i++)
            Console.WriteLine($"fake: crash line {i}");
        Console.Out.Flush();
        Environment.Exit(Setting("CRASH_EXIT_CODE", 3));
    });
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var readyAt = Stopwatch.StartNew();
var readyDelay = TimeSpan.FromMilliseconds(Setting("READY_DELAY_MS", 0));
// UNHEALTHY_WHILE_FILE: /health answers 503 while that file exists (a hung service, as far as readiness goes).
var unhealthyFile = behaviour.GetValueOrDefault("UNHEALTHY_WHILE_FILE");
app.MapGet("/health", () => readyAt.Elapsed >= readyDelay && !(unhealthyFile is not null && File.Exists(unhealthyFile))
    ? Results.Ok("ready")
    : Results.StatusCode(503));
app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine("fake: stopping"));
await app.RunAsync();
Console.WriteLine("fake: stopped");
