// These tests drive real POSIX processes (sh, SIGTERM, /proc); they describe the Linux AppHost.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
