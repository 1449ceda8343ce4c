using HyperSearch.Silo.Hosting;

// A standalone silo (`hypersearch silo` runs the same): see silo/Hosting/SiloLauncher.cs for its settings.
return await SiloLauncher.RunAsync(args, Console.Out, Console.Error);
