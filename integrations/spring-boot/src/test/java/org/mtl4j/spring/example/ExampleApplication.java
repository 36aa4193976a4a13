package org.mtl4j.spring.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The README's example service: the starter supplies the model, the batcher and the meters. */
@SpringBootApplication
public class ExampleApplication {

  /**
   * @param args Spring Boot arguments, e.g. {@code --mtl4j.model.path=models/intents}
   */
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
