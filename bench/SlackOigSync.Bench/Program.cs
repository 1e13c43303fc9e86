using System.Globalization;
using SlackOigSync.Bench;

// Benchmark of API calls, time and memory per sync (not a test): see docs/performance.md.
//   dotnet run -c Release --project bench/SlackOigSync.Bench -- [--sizes 100,1000,10000,50000] [--latency 50]
//   dotnet run -c Release --project bench/SlackOigSync.Bench -- --rate-limits [--sizes 1000]
var sizes = new[] { 100, 1_000, 10_000, 50_000 };
var latency = 50;
var rateLimitMode = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sizes": sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--latency": latency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rate-limits": rateLimitMode = true; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}"); return 2;
    }
}

Console.WriteLine($"slack-oig-sync benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {latency} ms latency injected per call");
return rateLimitMode ? await RateLimitBench.RunAsync(sizes.Length == 4 ? 1_000 : sizes[0], latency) : await CallBench.RunAsync(sizes, latency);
