import { render } from 'solid-js/web';
import '../shared/fonts';
import '../shared/styles.css';
import './public.css';
import Home from './Home';

/** The public hospital site (`/`): no session, no API calls that need one. */
render(() => <Home />, document.getElementById('app')!);
