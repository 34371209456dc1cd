// The one MUI theme: light and dark schemes, following the OS unless the user picks one.
import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#1f6f50' },
        secondary: { main: '#b5651d' },
        background: { default: '#f5f7f6' },
      },
    },
    dark: {
      palette: {
        primary: { main: '#5fbf94' },
        secondary: { main: '#e0a060' },
      },
    },
  },
  cssVariables: { colorSchemeSelector: 'class' },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
});
