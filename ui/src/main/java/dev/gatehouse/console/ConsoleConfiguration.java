package dev.gatehouse.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/**
 * Activates Jakarta Faces 4 for the console module (CDI-managed, no faces-servlet mapping by hand).
 */
@FacesConfig
@ApplicationScoped
public class ConsoleConfiguration {}
