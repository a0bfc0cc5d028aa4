package org.partygraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Starts a Neo4j 5.26 community DBMS with the Bolt connector on a loopback address.
 *
 * <p>Why a launcher of our own: neither Docker nor Neo4j's download site is reachable where
 * partygraph is built and tested, but Maven Central is, and the artifact {@code org.neo4j:neo4j}
 * is the whole DBMS (kernel, Cypher, Bolt, security). This class only wires settings; the
 * Python side ({@code builder/neo4j/server.py}) owns pid files, logs, waiting and stopping.
 *
 * <p>Usage: {@code java [jvm flags] -cp classes:lib/* org.partygraph.neo4j.Main --home DIR
 * [--host 127.0.0.1] [--port 7687] [--pagecache 256m] [--tx-memory 512m]}. The password of
 * user {@code neo4j} comes from the environment variable {@code NEO4J_PASSWORD} (never from the
 * command line, where {@code ps} would show it). Prints one line {@code partygraph-neo4j READY
 * bolt://HOST:PORT} once the default database answers, then runs until SIGTERM/SIGINT.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("--host", "127.0.0.1");
        opts.put("--port", "7687");
        opts.put("--pagecache", "256m");
        opts.put("--tx-memory", "0");
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!opts.containsKey(key) && !key.equals("--home")) {
                die("unknown option " + key);
            }
            if (i + 1 >= args.length) {
                die("option " + key + " needs a value");
            }
            opts.put(key, args[++i]);
        }
        if (!opts.containsKey("--home")) {
            die("--home DIR is required");
        }
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "partygraph-dev");
        if (password.length() < 8) {
            die("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)");
        }
        Path home = Path.of(opts.get("--home")).toAbsolutePath();
        Files.createDirectories(home);
        String address = opts.get("--host") + ":" + opts.get("--port");

        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("server.default_listen_address", opts.get("--host"));
        cfg.put("server.default_advertised_address", opts.get("--host"));
        cfg.put("server.bolt.enabled", "true");
        cfg.put("server.bolt.listen_address", address);
        // neo4j:// routing URIs get this address back from the routing table.
        cfg.put("server.bolt.advertised_address", address);
        cfg.put("server.bolt.tls_level", "DISABLED");
        cfg.put("dbms.security.auth_enabled", "true");
        cfg.put("server.memory.pagecache.size", opts.get("--pagecache"));
        if (!opts.get("--tx-memory").equals("0")) {
            cfg.put("dbms.memory.transaction.total.max", opts.get("--tx-memory"));
        }
        // Preallocating 256 MiB transaction logs is wasted disk and time for a dev/test server.
        cfg.put("db.tx_log.preallocate", "false");
        cfg.put("db.tx_log.rotation.retention_policy", "2 files");
        cfg.put("db.logs.query.enabled", "OFF");
        cfg.put("dbms.usage_report.enabled", "false");

        // The settings go through a neo4j.conf of our own (the embedded API has no raw-string
        // setter); strict validation stays on, so a misspelt setting fails the start.
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(conf.getParent());
        StringBuilder text = new StringBuilder("# written by org.partygraph.neo4j.Main on every start\n");
        cfg.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(conf, text.toString());
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("partygraph-neo4j stopping");
            dbms.shutdown();
            stopped.countDown();
        }, "partygraph-neo4j-shutdown"));

        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Restarting on an existing home with the same password: nothing to change.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
        dbms.database("neo4j").executeTransactionally("RETURN 1");
        System.out.println("partygraph-neo4j READY bolt://" + address);
        System.out.flush();
        stopped.await();
    }

    private static void die(String message) {
        System.err.println("partygraph-neo4j: " + message);
        System.exit(2);
    }
}
