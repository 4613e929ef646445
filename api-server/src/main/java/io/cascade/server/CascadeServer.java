package io.cascade.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the server: {@code java -jar cascade-api-server.jar}, or {@code bin/cascade-server}. */
@SpringBootApplication
public class CascadeServer {

    public static void main(String[] args) {
        SpringApplication.run(CascadeServer.class, args);
    }
}
