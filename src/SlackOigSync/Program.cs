using SlackOigSync.Cli;

// Each command runs in a Generic Host, whose console lifetime turns SIGTERM (Kubernetes, systemd) and Ctrl+C into a
// request to stop: a run stops between writes instead of being killed mid-call.
return await CommandLineApp.RunAsync(args, Console.Out, Console.Error);
